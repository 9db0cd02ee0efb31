// Problem-message fragments that several hardening tests expect word for word.
export const NAME_RULE = "use letters, digits, '_', '.' or '-', starting with a letter or digit, at most 63 characters";
export const NUL = 'contains a NUL character, which no container setting can hold; remove it';
