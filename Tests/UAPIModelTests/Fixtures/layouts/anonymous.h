/* Anonymous unions and structs, nested definitions and arrays of inline structs. */
#include <linux/types.h>

struct an_outer {
	__u32 kind;
	union {
		__u64 value;
		struct {
			__u32 lo;
			__u32 hi;
		};
		struct an_named {
			__u16 x;
			__u8 y;
		} named;
	};
	struct {
		__u8 tag;
		__u32 len;
	} items[2];
};

union an_union {
	__u8 bytes[3];
	__u16 halves[2];
	struct {
		__u8 a;
		__u32 b;
	};
};
