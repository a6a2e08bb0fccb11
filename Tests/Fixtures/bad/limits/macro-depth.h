/* A macro argument nested 20 deep. */
#define ID(x) x

int value = ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(ID(1))))))))))))))))))));

struct kept {
	int a;
};
