"""The parts the play screen (game/ui/screens/play.py) is built from, one module each: the stage
(a place's picture and the people in it), the dialogue box, the phone, the choice menu, the
feedback card, and the timers that move them. None of them reads the story: the play screen
hands each what the Playthrough says to show."""
