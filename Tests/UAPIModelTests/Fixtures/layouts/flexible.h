/* Flexible array members, zero-length arrays and __DECLARE_FLEX_ARRAY. */
#include <linux/types.h>
#include <linux/stddef.h>

struct fx_tail {
	__u32 count;
	__u64 items[];
};

struct fx_zero {
	__u16 count;
	__u8 data[0];
};

struct fx_declared {
	__u32 kind;
	union {
		__DECLARE_FLEX_ARRAY(__u32, words);
		__DECLARE_FLEX_ARRAY(__u8, bytes);
	};
};
