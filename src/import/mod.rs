//! Import: a government notice in, a draft `programme.yaml` out (being written).
