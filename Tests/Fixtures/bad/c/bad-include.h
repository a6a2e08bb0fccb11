#include <linux/types.h>
#include demo_no_quotes.h
#include <linux/demo_does_not_exist.h>

struct kept {
	__u32 a;
};
