#include "level3.h"
struct level2 {
	int a;
};
