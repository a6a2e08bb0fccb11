/* Each level quadruples: X5 is 1,024 tokens. */
#define X1 1, 1, 1, 1
#define X2 X1, X1, X1, X1
#define X3 X2, X2, X2, X2
#define X4 X3, X3, X3, X3
#define X5 X4, X4, X4, X4

int table[] = { X5 };

struct kept {
	int a;
};
