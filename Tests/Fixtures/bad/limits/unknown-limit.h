struct s {
	int a;
};
