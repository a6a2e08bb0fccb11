#include "level1.h"
struct level0 {
	int a;
};
