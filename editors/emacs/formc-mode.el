;;; formc-mode.el --- Major mode for formc case formulations  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Keywords: languages
;; Package-Requires: ((emacs "26.1"))

;;; Commentary:

;; A major mode for the text files formc reads: a patient's case
;; formulation (*.form) and a therapy group (*.group).  It highlights
;; statements, argument words, scale names, dates, numbers, text in quotes
;; (also """triple-quoted""" text), <placeholders> still to be written and
;; # comments; indents blocks; and makes
;; `formc check' diagnostics (file:line:col: error|warning|note: message)
;; clickable in compilation buffers.
;;
;; C-c C-c (`formc-check') checks the current file; `next-error' (M-g n)
;; then jumps from one problem to the next.  C-c C-f (`formc-format-buffer')
;; lays the buffer out as `formc fmt' does.
;;
;; Setup: put this file on `load-path' (make install puts it in
;; PREFIX/share/emacs/site-lisp) and add to your init file:
;;
;;     (require 'formc-mode)
;;
;; The statement and argument words below are those of formc's schema
;; (compiler/front/schema.c); a test in formc's suite fails when one is missing.

;;; Code:

(require 'compile)

(defgroup formc nil
  "Editing formc case formulations and group files."
  :group 'languages
  :prefix "formc-")

(defcustom formc-indent-offset 4
  "Columns of indentation for each level of { } block."
  :type 'integer
  :safe #'integerp)

(defcustom formc-program "formc"
  "The formc program run by `formc-check'."
  :type 'string)

(defconst formc-section-keywords
  '("patient" "clinician" "group" "assessment" "crp" "adaptation"
    "object_relations" "in_group" "goal" "enactments" "letter" "clinic"
    "instrument" "scale" "key" "import")
  "Statements that open a block or name the main things of a file.")

(defconst formc-field-keywords
  '("status" "language" "id" "preferred" "born" "pronouns" "acts_of_self"
    "expectations_of_others" "acts_of_others" "introject" "need" "affect"
    "defense" "past" "current" "expected" "therapists" "self" "members"
    "target" "by" "engagement" "pattern_interruption" "self_redefinition"
    "termination" "pattern" "code" "starts" "weeks" "meets" "place" "leader"
    "member" "phase" "address" "phone" "logo" "templates" "source" "range"
    "higher" "items" "reliability" "norm" "responses" "reverse" "scored"
    "prorate" "attended" "left" "dated" "id_column" "time_column" "timepoint"
    "date_column" "rater_column" "date_format" "missing" "item" "ignore")
  "Statements inside blocks.")

(defconst formc-value-keywords
  '("draft" "final" "en" "fr" "pre" "post" "followup" "rater" "week" "to"
    "worse" "better" "mean" "sd" "n" "sample" "sum")
  "Words used as arguments.")

(defvar formc-mode-syntax-table
  (let ((st (make-syntax-table)))
    (modify-syntax-entry ?# "<" st)
    (modify-syntax-entry ?\n ">" st)
    (modify-syntax-entry ?\" "\"" st)
    (modify-syntax-entry ?\\ "\\" st)
    (modify-syntax-entry ?_ "_" st)
    (modify-syntax-entry ?. "." st)
    (modify-syntax-entry ?- "." st)
    (modify-syntax-entry ?\; "." st)
    (modify-syntax-entry ?, "." st)
    (modify-syntax-entry ?{ "(}" st)
    (modify-syntax-entry ?} "){" st)
    st)
  "Syntax table for `formc-mode'.")

(defun formc--triple-quote ()
  "Mark the run of quotes just matched when it opens or closes \"\"\"text\"\"\".
Triple-quoted text takes no escapes and ends at the first run of three or
more quotes, so it is a generic string: its first quote opens it, and the
last quote of the closing run closes it."
  (let* ((start (match-beginning 0))
         (end (match-end 0))
         (ppss (save-excursion (syntax-ppss start))))
    (cond
     ((nth 4 ppss) nil)                           ; in a comment
     ((eq (nth 3 ppss) t)                         ; closes a triple string
      (put-text-property (1- end) end 'syntax-table (string-to-syntax "|")))
     ((nth 3 ppss) nil)                           ; inside "ordinary" text
     (t
      (put-text-property start (1+ start) 'syntax-table (string-to-syntax "|"))))))

(defun formc-syntax-propertize (start end)
  "Give triple-quoted text its syntax between START and END."
  (goto-char start)
  (funcall (syntax-propertize-rules
            ("\"\\{3,\\}" (0 (ignore (formc--triple-quote)))))
           start end))

(defun formc--bad-escape (limit)
  "Find the next backslash escape other than \\\" and \\\\ in \"text\" before LIMIT."
  (let (found)
    (while (and (not found) (re-search-forward "\\\\\\(?:[^\"\\\\]\\|\\'\\)" limit t))
      (let ((ppss (save-excursion (syntax-ppss (match-beginning 0)))))
        (when (eq (nth 3 ppss) ?\")
          (setq found t))))
    found))

(defconst formc-font-lock-keywords
  ;; a placeholder, <words>, first: no word inside it is highlighted apart
  `(("<[^>\n]*>" . font-lock-warning-face)
    ("\\_<[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*\\_>" . font-lock-variable-name-face)
    (,(regexp-opt '("include") 'symbols) . font-lock-preprocessor-face)
    (,(regexp-opt formc-section-keywords 'symbols) . font-lock-keyword-face)
    (,(regexp-opt formc-field-keywords 'symbols) . font-lock-builtin-face)
    (,(regexp-opt formc-value-keywords 'symbols) . font-lock-constant-face)
    ("\\_<[0-9]\\{4\\}-[0-9]\\{2\\}-[0-9]\\{2\\}\\_>" . font-lock-constant-face)
    ("-?\\_<[0-9]+\\(?:\\.[0-9]+\\)?\\_>" . font-lock-constant-face)
    (formc--bad-escape 0 font-lock-warning-face t))
  "Highlighting for `formc-mode'.")

(defun formc--code-ends-with-comma (pos)
  "Non-nil when the code of the line at POS (comments aside) ends with a comma."
  (save-excursion
    (goto-char pos)
    (end-of-line)
    (let ((bol (line-beginning-position)))
      (let ((ppss (syntax-ppss)))
        (when (nth 4 ppss) (goto-char (nth 8 ppss))))
      (skip-chars-backward " \t" bol)
      (and (> (point) bol) (eq (char-before) ?,)
           (not (nth 3 (syntax-ppss (1- (point)))))))))

(defun formc--previous-code-line ()
  "Move to the nearest earlier line that is neither blank nor only a comment.
Return nil when there is none."
  (let (found)
    (while (and (not found) (zerop (forward-line -1)))
      (back-to-indentation)
      (unless (or (eolp) (nth 4 (syntax-ppss (1+ (point)))))
        (setq found t)))
    found))

(defun formc-indent-line ()
  "Indent the current line: one `formc-indent-offset' per open block.
A line that continues a list after a trailing comma goes one step further
in.  A line inside multi-line text is left as it is."
  (interactive)
  (let* ((bol (line-beginning-position))
         (ppss (save-excursion (syntax-ppss bol))))
    (if (nth 3 ppss)
        'noindent
      (let ((column (* formc-indent-offset (car ppss))))
        (save-excursion
          (back-to-indentation)
          (when (eq (char-after) ?})
            (setq column (- column formc-indent-offset)))
          (when (and (formc--previous-code-line)
                     (formc--code-ends-with-comma (point)))
            (setq column (+ column formc-indent-offset))))
        (if (<= (current-column) (current-indentation))
            (indent-line-to (max column 0))
          (save-excursion (indent-line-to (max column 0))))))))

(defun formc-check ()
  "Run `formc check' on the current file in a compilation buffer."
  (interactive)
  (when (and (buffer-modified-p) (y-or-n-p "Save the file first? "))
    (save-buffer))
  (compile (concat formc-program " check "
                   (shell-quote-argument (file-name-nondirectory buffer-file-name)))))

(defun formc-format-buffer ()
  "Lay the buffer out as `formc fmt' does.
On a syntax error the buffer is left as it is and formc's messages are
shown in a compilation buffer."
  (interactive)
  (let ((out (generate-new-buffer " *formc-fmt*"))
        (errors (make-temp-file "formc-fmt")))
    (unwind-protect
        (if (eq 0 (call-process-region (point-min) (point-max) formc-program nil
                                       (list out errors) nil "fmt" "--stdout" "-"))
            (unless (= 0 (compare-buffer-substrings nil nil nil out nil nil))
              (replace-buffer-contents out))
          (let ((name (if buffer-file-name (file-name-nondirectory buffer-file-name) (buffer-name)))
                (dir default-directory))
            (with-current-buffer (get-buffer-create "*formc fmt*")
              (setq default-directory dir)
              (let ((inhibit-read-only t))
                (erase-buffer)
                (insert-file-contents errors)
                (goto-char (point-min))
                (while (search-forward "<stdin>:" nil t) (replace-match (concat name ":") t t)))
              (compilation-mode)
              (display-buffer (current-buffer))))
          (message "formc fmt: the file has errors; nothing was changed"))
      (kill-buffer out)
      (delete-file errors))))

(defvar formc-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "C-c C-c") #'formc-check)
    (define-key map (kbd "C-c C-f") #'formc-format-buffer)
    map)
  "Keymap for `formc-mode'.")

;; formc's diagnostics in any compilation buffer: error, warning or note,
;; or in French (erreur, avertissement, note, a no-break space before the colon)
(add-to-list 'compilation-error-regexp-alist-alist
             '(formc "^\\([^:\n]+\\):\\([0-9]+\\):\\([0-9]+\\): \\(?:error\\|erreur\\|\\(warning\\|avertissement\\)\\|\\(note\\)\\)\u00a0?: "
                     1 2 3 (4 . 5)))
(add-to-list 'compilation-error-regexp-alist 'formc)

;;;###autoload
(define-derived-mode formc-mode prog-mode "formc"
  "Major mode for formc case formulations (*.form) and groups (*.group).

\\{formc-mode-map}"
  :syntax-table formc-mode-syntax-table
  (setq-local comment-start "# ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "#+[ \t]*")
  (setq-local font-lock-defaults '(formc-font-lock-keywords))
  (setq-local syntax-propertize-function #'formc-syntax-propertize)
  (setq-local indent-line-function #'formc-indent-line)
  (setq-local indent-tabs-mode nil)
  ;; formc counts a column in characters (a tab is one), where Emacs
  ;; counts screen columns unless the file's own buffer says otherwise
  (setq-local compilation-error-screen-columns nil)
  (when buffer-file-name
    (setq-local compile-command
                (concat formc-program " check "
                        (shell-quote-argument (file-name-nondirectory buffer-file-name))))))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.\\(?:form\\|group\\)\\'" . formc-mode))

(provide 'formc-mode)

;;; formc-mode.el ends here
