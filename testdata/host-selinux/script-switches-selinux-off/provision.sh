#!/bin/bash
# Provision a build host.  It starts no container.
set -euo pipefail
sudo setenforce 0
sed -i 's/^SELINUX=enforcing/SELINUX=disabled/' /etc/selinux/config
echo "SELINUX=permissive" > /etc/sysconfig/selinux
semanage permissive -a container_t
grubby --update-kernel ALL --args="selinux=0"
sudo -E setenforce Permissive && systemctl restart docker
