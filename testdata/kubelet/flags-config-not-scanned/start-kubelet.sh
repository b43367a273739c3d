#!/bin/sh
set -e
exec /usr/bin/kubelet --config=/etc/kubernetes/kubelet-config.yaml \
	--anonymous-auth --authorization-mode=AlwaysAllow "$@"
