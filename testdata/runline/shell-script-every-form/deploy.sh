#!/bin/sh
set -e
# docker run --privileged in a comment must not count
sudo docker run -d --name web \
  --cap-add=SYS_ADMIN --cap-add NET_ADMIN \
  -v /var/run/docker.sock:/var/run/docker.sock:ro \
  --security-opt seccomp=unconfined \
  -it --pid=host nginx:1.27 --privileged
podman container run --mount type=bind,source=/,target=/host,readonly -u 0 alpine
docker build -t x . && docker run --net host --read-only busybox echo hi
