#!/bin/sh
# Docker and Podman: any case, CAP_ optional, an unknown name (CAP_ALL
# too) refused; nerdctl: the same names, an unknown one passed to runc,
# which ignores it.
docker run --cap-drop=cap_all --read-only -u 1000 --security-opt no-new-privileges x
docker run --cap-drop=all --cap-add=cap_net_admin --read-only -u 1000 --security-opt no-new-privileges x
podman run --cap-drop=ALL --cap-add=Sys_Time --read-only -u 1000 --security-opt no-new-privileges x
nerdctl run --cap-drop=ALL --cap-add=CAP_NOPE --read-only -u 1000 --security-opt no-new-privileges x
