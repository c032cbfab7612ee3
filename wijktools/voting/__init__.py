"""Voting from phones in the room: a participants' app for the LAN and a loopback-only facilitator app.

`app.create_app` is the only thing exposed on the room network (session code → open round → one ballot
per device); `beheer.create_beheer_app` opens/closes rounds and shows the live chart, and answers only
127.0.0.1. Both read and write the same SQLite store as the notebooks.
"""
