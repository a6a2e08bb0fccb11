struct level8 {
	int a;
};
