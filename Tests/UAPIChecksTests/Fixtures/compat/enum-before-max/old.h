/* A value added before the *_MAX sentinel: an addition, the sentinel's move is expected. */
enum em_op {
	EM_OP_ALLOC,
	EM_OP_FREE,
	EM_OP_MAP,
	EM_OP_MAX
};
