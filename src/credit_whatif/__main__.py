"""``python -m credit_whatif``: the ``credit-whatif`` command (:func:`.launch.run`)."""

from .launch import run

if __name__ == "__main__":
    run()
