"""The read side: the log folded into P.S.O. indicator tables."""
