/* Bitfields: gcc's SysV allocation, unnamed and zero-width fields, a field crossing a unit. */
#include <linux/types.h>

struct bf_basic {
	__u8 lo:3;
	__u8 hi:5;
	__u16 word:9;
	__u32 wide:17;
};

struct bf_straddle {
	__u8 tag;
	__u32 a:20;
	__u32 b:20;
	__u64 c:40;
};

struct bf_unnamed {
	__u32 a:3;
	__u32 :0;
	__u32 b:4;
	__u8 :2;
	__u8 c:6;
};

struct bf_long_long {
	__u32 x;
	unsigned long long y:33;
	unsigned long long z:31;
};
