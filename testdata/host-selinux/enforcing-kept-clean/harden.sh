#!/bin/sh
setenforce 1
sed -i 's/^SELINUX=.*/SELINUX=enforcing/' /etc/selinux/config
sed -i 's/ selinux=0//' /etc/default/grub
grubby --update-kernel ALL --remove-args="selinux=0 enforcing=0"
semanage permissive -d container_t
grep -q SELINUX=disabled /etc/selinux/config && echo "was disabled"
echo "do not run: setenforce 0"
