-- Undersigned schema, version 2: the city a media contact speaks from
-- ("In Bangkok, for Human Rights Watch, ..."), for press releases.
ALTER TABLE contacts ADD COLUMN city TEXT;
