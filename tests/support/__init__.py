"""Helpers the tests (and the measuring scripts) share: the shipped content and its pages,
forms to post, readers of pages and PDFs, and servers to test against."""
