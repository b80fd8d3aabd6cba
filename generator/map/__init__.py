"""The maps drawn at build time: the projection and the atlas of pins, journeys and locators."""
