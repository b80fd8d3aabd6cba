"""Images: requests and their cache, encoding, and the metadata a published file keeps."""
