#!/usr/bin/env python3
"""A TCP relay between a kiosk and the desk that a test can cut and restore.

    relay.py LISTEN_PORT TARGET_PORT CONTROL_FILE

Forwards connections on 127.0.0.1:LISTEN_PORT to 127.0.0.1:TARGET_PORT. While CONTROL_FILE
exists, the network is "down": open connections are cut and new ones are closed at once, as a
pulled cable or a firewall rule would. Prints "ready" once listening.
"""
import os
import socket
import sys
import threading

listen_port, target_port, control = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
open_sockets = set()
lock = threading.Lock()


def blocked():
    return os.path.exists(control)


def pump(src, dst):
    try:
        while not blocked():
            src.settimeout(0.2)
            try:
                data = src.recv(65536)
            except socket.timeout:
                continue
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


def serve(client):
    if blocked():
        client.close()
        return
    try:
        upstream = socket.create_connection(("127.0.0.1", target_port), timeout=2)
    except OSError:
        client.close()
        return
    threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
    threading.Thread(target=pump, args=(upstream, client), daemon=True).start()


server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", listen_port))
server.listen(64)
print("ready", flush=True)
while True:
    conn, _ = server.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
