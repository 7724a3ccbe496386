/*
 * sandbox-drop UID GID COMMAND [ARG...]
 *
 * The local launcher's uid drop inside the bubblewrap sandbox, in place of
 * `setpriv --reuid --regid --clear-groups --inh-caps=-all --bounding-set=-all --no-new-privs`:
 * empties the capability bounding set, the supplementary groups, and every capability set, sets
 * real, effective and saved uid and gid, sets no_new_privs, then executes COMMAND.
 *
 * Why not setpriv: bwrap run as root can only map a job's uid to root, so the drop needs one exec
 * between bwrap and the job's shell. setpriv is a dynamically linked binary with two libraries;
 * on the project's VMs (a page fault costs ~60 us) its exec took ~3.5 ms of a ~15 ms sandbox start.
 * This file is built without libc (raw system calls, no dynamic loader, one page of code), and
 * its exec costs ~0.7 ms.
 *
 * Exit status: 125 if the arguments are bad or a step fails (nothing runs), 127 if COMMAND cannot
 * be executed. Built by the `sandbox-drop` Maven profile where a C compiler exists (x86-64 Linux):
 *   cc -Os -static -nostdlib -fno-stack-protector -fno-asynchronous-unwind-tables -fno-pie -no-pie -s
 */
#include <linux/capability.h>
#include <linux/prctl.h>
#include <sys/syscall.h>

#if !defined(__x86_64__) || !defined(__linux__)
#error "sandbox-drop is written for x86-64 Linux"
#endif

/* Arguments four and five are zero: prctl refuses PR_SET_NO_NEW_PRIVS when they are not. */
static long sys(long number, long a, long b, long c) {
	long result;
	register long d __asm__("r10") = 0;
	register long e __asm__("r8") = 0;
	__asm__ volatile ("syscall" : "=a"(result) : "a"(number), "D"(a), "S"(b), "d"(c), "r"(d), "r"(e)
			: "rcx", "r11", "memory");
	return result;
}

static void fail_with(const char *message, long length, long status) {
	sys(SYS_write, 2, (long) message, length);
	sys(SYS_exit_group, status, 0, 0);
}

/* A literal's length from sizeof: a strlen loop would be compiled into a call to libc's strlen. */
#define fail(message, status) fail_with(message, sizeof(message) - 1, status)

/* A decimal id, neither empty nor 0 (the point is to leave root) nor larger than 2^31. */
static long id(const char *text) {
	long value = 0;
	if (!*text) {
		return -1;
	}
	for (; *text; text++) {
		if (*text < '0' || *text > '9' || value > 214748364) {
			return -1;
		}
		value = value * 10 + (*text - '0');
	}
	return value == 0 ? -1 : value;
}

__attribute__((used, noreturn)) static void drop(long *stack) {
	long argc = stack[0];
	char **argv = (char **) (stack + 1);
	char **envp = argv + argc + 1;
	if (argc < 4) {
		fail("usage: sandbox-drop UID GID COMMAND [ARG...]\n", 125);
	}
	long uid = id(argv[1]);
	long gid = id(argv[2]);
	if (uid < 0 || gid < 0) {
		fail("sandbox-drop: UID and GID must be numbers other than 0\n", 125);
	}
	/* The bounding set first: dropping from it needs CAP_SETPCAP, which setresuid takes away. */
	for (long cap = 0; cap < 64; cap++) {
		sys(SYS_prctl, PR_CAPBSET_DROP, cap, 0);
	}
	if (sys(SYS_prctl, PR_CAPBSET_READ, CAP_SETPCAP, 0) != 0) {
		fail("sandbox-drop: the capability bounding set could not be emptied\n", 125);
	}
	if (sys(SYS_setgroups, 0, 0, 0) != 0 || sys(SYS_setresgid, gid, gid, gid) != 0
			|| sys(SYS_setresuid, uid, uid, uid) != 0) {
		fail("sandbox-drop: could not change uid/gid\n", 125);
	}
	struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct none[2] = { { 0, 0, 0 }, { 0, 0, 0 } };
	if (sys(SYS_capset, (long) &header, (long) none, 0) != 0 || sys(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0) != 0) {
		fail("sandbox-drop: could not drop capabilities\n", 125);
	}
	sys(SYS_execve, (long) argv[3], (long) (argv + 3), (long) envp);
	fail("sandbox-drop: cannot execute the command\n", 127);
	__builtin_unreachable();
}

/* No libc: the kernel's initial stack holds argc, argv and envp; align it and call drop. */
__asm__(".globl _start\n_start:\n\tmov %rsp, %rdi\n\tand $-16, %rsp\n\tcall drop\n\thlt\n");
