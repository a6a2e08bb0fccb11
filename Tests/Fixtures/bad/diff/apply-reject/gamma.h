/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
#ifndef _UAPI_LINUX_GAMMA_H
#define _UAPI_LINUX_GAMMA_H
#include <linux/types.h>
struct gamma {
	__u32 pad;
};
#endif
