#include "level8.h"
struct level7 {
	int a;
};
