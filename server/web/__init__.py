"""The product team's web page (server-rendered)."""

from fastapi import APIRouter

router = APIRouter()
