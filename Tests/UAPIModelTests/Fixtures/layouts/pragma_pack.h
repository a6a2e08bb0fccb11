/* #pragma pack caps member alignment until it is reset; push and pop nest. */
#include <linux/types.h>

#pragma pack(2)
struct pp_two {
	__u8 a;
	__u32 b;
	__u64 c;
};
#pragma pack()

struct pp_reset {
	__u8 a;
	__u32 b;
};

#pragma pack(push, 1)
struct pp_one {
	__u8 a;
	__u16 b;
	__u32 c;
};
#pragma pack(push, 4)
struct pp_four {
	__u8 a;
	__u64 b;
};
#pragma pack(pop)
struct pp_one_again {
	__u8 a;
	__u32 b;
};
#pragma pack(pop)

struct pp_after {
	__u8 a;
	__u64 b;
};
