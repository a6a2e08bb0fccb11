/* aligned(N) on records, members and typedefs; __aligned_u64. */
#include <linux/types.h>

typedef __u32 al_u32_16 __attribute__((aligned(16)));

struct al_record {
	__u8 a;
} __attribute__((aligned(8)));

struct al_member {
	__u8 a;
	__u8 b __attribute__((aligned(4)));
	al_u32_16 c;
};

struct al_u64 {
	__u32 a;
	__aligned_u64 b;
	__u32 c;
};

struct al_nested {
	__u8 a;
	struct al_record r;
	__u8 z;
};
