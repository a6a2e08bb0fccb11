#include "level2.h"
struct level1 {
	int a;
};
