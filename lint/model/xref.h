/*
 * global.h - what is judged once every file of a run is read.
 *
 * Workers lint files in parallel and free each file's model when done;
 * what other files need is first copied into the file's `kept` model
 * (global_keep).  After the workers, global_run() sees every kept object
 * in file order, so its result does not depend on -j:
 *   - containers.conf files of one directory (the main file and its
 *     drop-ins) merge into the settings Podman would use, each value
 *     remembering the file and line that set it;
 *   - a container's reference to a seccomp profile (a Kubernetes
 *     localhostProfile, a seccomp=PATH) is resolved against the scanned
 *     profiles, and the container gets that profile's facts;
 *   - containers that pin an SELinux MCS level learn which other
 *     workloads pin the same one;
 *   - the rules marked cross-file then judge these objects.
 */
#ifndef CAGELINT_GLOBAL_H
#define CAGELINT_GLOBAL_H

#include "engine/finding.h"
#include "model/model.h"
#include "engine/rules.h"

/*
 * Copy the objects of `m` that cross-file work needs into *kept (made on
 * first use, its path that of `m`).  Small: only engine settings, seccomp
 * profiles, and containers that reference a profile file or pin an
 * SELinux level.
 */
void global_keep(const struct model *m, struct model **kept);

/* Merge, resolve and judge the kept models of a run (in file order). */
void global_run(const struct ruleset *rs, struct model *const *kept,
		size_t n, struct findings *out);

#endif
