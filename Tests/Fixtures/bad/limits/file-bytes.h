/* Over 100 bytes, read with --limit file-bytes=100. */
struct big {
	int a;
	int b;
	int c;
	int d;
};
