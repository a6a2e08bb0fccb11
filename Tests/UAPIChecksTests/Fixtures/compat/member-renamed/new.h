/* A member renamed in place: the ABI holds, sources break. */
#include <linux/types.h>

struct rn_export {
	__u64 addr;
	__u64 mem_size;
};
