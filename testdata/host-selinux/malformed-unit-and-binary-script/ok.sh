#!/bin/sh
setenforce 0
