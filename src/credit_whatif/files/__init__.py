"""Files the tool reads and writes: presets, policies, and their shared contract.

Every problem with an input surfaces as one :class:`~.errors.InputError` whose
message names the source, the key path, what was expected and what was found.
"""
