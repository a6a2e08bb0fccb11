#include "level4.h"
struct level3 {
	int a;
};
