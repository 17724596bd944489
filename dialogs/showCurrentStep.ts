// The dialog event that asks an open flow to post its current card again, fresh (its old one may be gone).
export const SHOW_CURRENT_STEP = 'showCurrentStep';
