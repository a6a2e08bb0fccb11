/* packed and aligned together, on records and members. */
#include <linux/types.h>

struct pk_record {
	__u8 a;
	__u32 b;
	__u16 c;
} __attribute__((packed));

struct pk_member {
	__u8 a;
	__u32 b __attribute__((packed));
	__u64 c;
};

struct __attribute__((packed)) pk_aligned {
	__u8 a;
	__u64 b;
} __attribute__((aligned(4)));

struct pk_bits {
	__u8 a:3;
	__u16 b:11;
	__u8 c;
} __attribute__((__packed__));
