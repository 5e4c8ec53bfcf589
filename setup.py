import re
from os import path

from setuptools import setup

HERE = path.dirname(path.abspath(__file__))
with open(path.join(HERE, "AnalyticsClient.py")) as handle:
    VERSION = re.search(r'^__version__ = "([^"]+)"', handle.read(), re.M).group(1)
with open(path.join(HERE, "README.md")) as handle:
    README = handle.read()

setup(
    name="zoho-analytics-client-onefile",
    version=VERSION,
    description="Zoho Analytics REST API v2 client in one file, standard library only",
    long_description=README,
    long_description_content_type="text/markdown",
    py_modules=["AnalyticsClient"],
    python_requires=">=3.6",
    extras_require={
        "urllib3": ["urllib3>=1.26,<3"],
        "test": ["pytest", "vcrpy", "pytest-recording", "pyyaml"],
    },
    license="MIT",
    classifiers=[
        "Development Status :: 5 - Production/Stable",
        "Intended Audience :: Developers",
        "License :: OSI Approved :: MIT License",
        "Operating System :: OS Independent",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
        "Programming Language :: Python :: 3.6",
        "Programming Language :: Python :: 3.7",
        "Programming Language :: Python :: 3.8",
        "Programming Language :: Python :: 3.9",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Typing :: Typed",
    ],
)
