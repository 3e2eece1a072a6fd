// Force-included (-include) into every C++ file of the fuzz build only (ACCRED_FUZZ), never in the
// normal GCC build.
//
// Why: clang 14 with libstdc++ 12 in C++20 mode cannot instantiate
// std::pair<CborValue, CborValue> (crypto/cbor_value.h, CborValue::pairs). pair's default
// constructor has explicit(!__is_implicitly_default_constructible<T>) there; clang evaluates it
// while instantiating the pair class, which default-constructs CborValue, whose
// vector<pair<CborValue, CborValue>> member needs sizeof(pair) -> "arithmetic on a pointer to an
// incomplete type 'std::pair<accred::CborValue, accred::CborValue>'". GCC evaluates it lazily.
// Answering the trait up front breaks the cycle; the answer is true (CborValue is an aggregate
// whose members all have default member initialisers or default constructors).
#pragma once

#include <type_traits>

namespace accred {
struct CborValue;
}

template <>
struct std::__is_implicitly_default_constructible<accred::CborValue> : std::true_type {};
