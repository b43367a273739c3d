#!/bin/sh
# Boolean flags take a value as Go's strconv.ParseBool reads it; the last
# occurrence wins (spf13/pflag, which docker, podman and nerdctl use).
docker run --privileged=false --read-only=true --cap-drop=ALL -u 1000 alpine
docker run --privileged=0 --read-only=1 --cap-drop=ALL -u 1000 alpine
docker run --privileged=f --read-only=t --cap-drop=ALL -u 1000 alpine
docker run --privileged=F --read-only=T --cap-drop=ALL -u 1000 alpine
docker run --privileged=FALSE --read-only=TRUE --cap-drop=ALL -u 1000 alpine
docker run --privileged=False --read-only=True --cap-drop=ALL -u 1000 alpine
podman run --privileged=true --cap-drop=ALL --read-only -u 1000 alpine
podman run --privileged=1 --cap-drop=ALL --read-only -u 1000 alpine
podman run --privileged=T --cap-drop=ALL --read-only -u 1000 alpine
nerdctl run --privileged --privileged=false --cap-drop=ALL -u 1000 alpine
nerdctl run --privileged=false --privileged --cap-drop=ALL -u 1000 alpine
docker run --read-only --read-only=false --cap-drop=ALL -u 1000 alpine
docker run --privileged=yes --cap-drop=ALL -u 1000 alpine
docker run --privileged=tRuE --read-only=no --cap-drop=ALL -u 1000 alpine
docker run --security-opt no-new-privileges=false -u 1000 alpine
docker run --security-opt no-new-privileges=0 --security-opt no-new-privileges=maybe -u 1000 alpine
