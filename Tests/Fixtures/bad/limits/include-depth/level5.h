#include "level6.h"
struct level5 {
	int a;
};
