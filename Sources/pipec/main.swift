print("pipec")
