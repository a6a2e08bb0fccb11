/* Structs nested 12 deep, read with --limit nesting=8. */
#include <linux/types.h>

struct outer {
	struct {
	struct {
	struct {
	struct {
	struct {
	struct {
	struct {
	struct {
	struct {
	struct {
	struct {
	struct {
	__u32 x;
	};
	};
	};
	};
	};
	};
	};
	};
	};
	};
	};
	};
};

struct after {
	__u32 y;
};
