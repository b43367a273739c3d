#!/bin/sh
# bench.sh CAGELINT - speed and peak memory, measured (never asserted).
#
# Generates trees of Kubernetes manifests (a mix of workload kinds, some
# clean, some not) and reports, for each: files, wall time, files/second,
# and peak resident memory.  Two tree sizes show whether memory grows with
# the number of files (it should not: each file is freed when done).  The
# pre-commit case is a few files, timed as the mean of many runs.
set -eu
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# gen DIR N [clean]: N manifests; with "clean", none has a finding.
gen() {
	dir=$1
	n=$2
	mkdir -p "$dir"
	i=0
	while [ $i -lt "$n" ]; do
		d=$dir/team$((i % 50))
		mkdir -p "$d"
		hn=false priv=false cap=NET_BIND_SERVICE hp=/srv/app$i
		if [ "${3:-}" != clean ]; then
			[ $((i % 7)) = 0 ] && hn=true
			[ $((i % 13)) = 0 ] && priv=true
			[ $((i % 5)) = 0 ] && cap=SYS_ADMIN
			[ $((i % 11)) = 0 ] && hp=/var/run/docker.sock
		fi
		cat > "$d/app$i.yaml" <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app$i
  namespace: team$((i % 50))
spec:
  replicas: 2
  selector:
    matchLabels: {app: app$i}
  template:
    metadata:
      labels: {app: app$i}
    spec:
      hostNetwork: $hn
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: app
          image: registry.example/app$i:1.0
          ports: [{containerPort: 8080}]
          securityContext:
            privileged: $priv
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
              add: [$cap]
          volumeMounts:
            - {name: data, mountPath: /data}
        - name: sidecar
          image: registry.example/proxy:2.1
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
      volumes:
        - name: data
          hostPath: {path: $hp}
---
apiVersion: v1
kind: Service
metadata: {name: app$i}
spec:
  selector: {app: app$i}
  ports: [{port: 80, targetPort: 8080}]
YAML
		i=$((i + 1))
	done
}

# run LABEL ARGS... : wall time and peak RSS of one cagelint run
run() {
	label=$1
	shift
	start=$(date +%s%N)
	/usr/bin/time -f '%M' -o "$tmp/rss" "$bin" "$@" > /dev/null 2>&1 ||
		true
	end=$(date +%s%N)
	ms=$(( (end - start) / 1000000 ))
	echo "$label: $ms ms, peak RSS $(tail -n 1 "$tmp/rss") KiB"
}

if [ ! -x /usr/bin/time ]; then
	echo "bench needs /usr/bin/time (Debian package: time)"
	exit 1
fi
echo "cagelint bench on $(nproc) cores"
gen "$tmp/small" 500
gen "$tmp/large" 5000
gen "$tmp/clean-small" 500 clean
gen "$tmp/clean-large" 5000 clean
# Findings are kept until the end (the report is sorted); the clean trees
# show that nothing else grows with the number of files.
for t in small large clean-small clean-large; do
	n=$(find "$tmp/$t" -name '*.yaml' | wc -l)
	for j in 1 $(nproc); do
		run "$t tree, $n files, -j $j" -j "$j" "$tmp/$t"
	done
done
# pre-commit: three files, mean of 50 runs
set -- "$tmp/small/team1/app1.yaml" "$tmp/small/team2/app2.yaml" \
	"$tmp/small/team3/app3.yaml"
start=$(date +%s%N)
k=0
while [ $k -lt 50 ]; do
	"$bin" "$@" > /dev/null 2>&1 || true
	k=$((k + 1))
done
end=$(date +%s%N)
echo "pre-commit, 3 files: $(( (end - start) / 50000 )) us per run (mean of 50)"
# Instructions do not depend on the machine's load: comparable run to run.
if command -v valgrind >/dev/null 2>&1; then
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$bin" -j 1 \
		"$@" > /dev/null 2> "$tmp/vg" || true
	echo "pre-commit, 3 files: $(sed -n 's/.*refs: *//p' "$tmp/vg")" \
		"instructions (callgrind)"
fi
