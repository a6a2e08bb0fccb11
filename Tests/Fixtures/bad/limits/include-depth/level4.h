#include "level5.h"
struct level4 {
	int a;
};
