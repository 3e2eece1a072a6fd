// Secrets out of core dumps: the desk's event key, the TLS server key and the kiosk key are held
// decrypted while a process runs, and a crash (or a signal someone sends) would write them into
// a core file beside whatever else the process held, the passphrase among it.
#pragma once

namespace accred {

// Makes the process non-dumpable (prctl PR_SET_DUMPABLE 0: no core file, and no ptrace attach or
// /proc/PID/mem read by the same user without CAP_SYS_PTRACE) and sets its core size limit to
// zero, which children inherit. Call first thing in main, before any key is read. In builds with
// AddressSanitizer the process stays dumpable: LeakSanitizer stops the world through ptrace,
// which non-dumpable processes refuse; the core limit is zero there too (ASan's own default).
void keep_secrets_out_of_core_dumps();

} // namespace accred
