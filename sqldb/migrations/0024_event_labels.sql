-- The words a step was taken under: at the central level approving is "Trình Thủ tướng
-- Chính phủ" and forwarding is the Prime Minister's submission to the President
-- (tdkt.Transition.LabelAt); the history keeps what was said then. Empty for older
-- events, which are named by their action.
ALTER TABLE dossier_events ADD COLUMN label TEXT NOT NULL DEFAULT '';
