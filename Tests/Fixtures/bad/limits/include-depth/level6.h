#include "level7.h"
struct level6 {
	int a;
};
