;;; proglint.el --- proglint findings in Emacs: M-x compile and Flymake  -*- lexical-binding: t; -*-

;; Install: put this file on your `load-path' and (require 'proglint),
;; or paste it into your init file.
;;
;; M-x compile RET proglint --format concise seeds/ RET
;;     lists the findings in *compilation*; RET or `next-error' (M-g n)
;;     jumps to the exact line and column.
;;
;; Flymake, as you type (the buffer is piped to proglint on standard input):
;;     (add-hook 'markdown-mode-hook #'proglint-flymake-setup)
;; or only in a project's documents, with a .dir-locals.el:
;;     ((markdown-mode . ((eval . (proglint-flymake-setup)))))
;;
;; Both read `proglint --format concise', one finding per line:
;;     path:line:col: severity CODE message
;; Columns count characters from 1.  `compile' reads them as screen columns
;; unless `compilation-error-screen-columns' is nil; they are the same on
;; lines without tabs, which program documents do not use.

;;; Code:

(require 'compile)
(require 'flymake)
(require 'subr-x)

(defgroup proglint nil
  "Lint JWST program documents with proglint."
  :group 'tools)

(defcustom proglint-program "proglint"
  "The proglint executable."
  :type 'string)

(defconst proglint-concise-regexp
  "^\\(.+?\\):\\([0-9]+\\):\\([0-9]+\\): \\(?:error\\|\\(warning\\)\\|\\(info\\)\\) \\([^ \n]+\\) \\(.*\\)$"
  "One line of `proglint --format concise'.
Groups: 1 file, 2 line, 3 column, 4 \"warning\", 5 \"info\" (neither:
an error), 6 code, 7 message.")

;; M-x compile: file 1, line 2, column 3; warning if group 4 matched, info
;; if group 5 did, otherwise an error.
(add-to-list 'compilation-error-regexp-alist-alist
             `(proglint ,proglint-concise-regexp 1 2 3 (4 . 5)))
(add-to-list 'compilation-error-regexp-alist 'proglint)

(defvar-local proglint--flymake-process nil
  "The proglint process checking this buffer, if any.")

(defun proglint-flymake-parse (source)
  "Flymake diagnostics for SOURCE from the concise output in this buffer."
  (let (diagnostics)
    (goto-char (point-min))
    (while (re-search-forward proglint-concise-regexp nil t)
      (let* ((line (string-to-number (match-string 2)))
             (column (string-to-number (match-string 3)))
             (type (cond ((match-beginning 4) :warning)
                         ((match-beginning 5) :note)
                         (t :error)))
             (text (concat (match-string 6) " " (match-string 7)))
             (region (flymake-diag-region source line column)))
        (when region
          (push (flymake-make-diagnostic source (car region) (cdr region) type text)
                diagnostics))))
    (nreverse diagnostics)))

(defun proglint-flymake (report-fn &rest _args)
  "Flymake backend: pipe the buffer to proglint, report its findings to REPORT-FN."
  (unless (executable-find proglint-program)
    (error "Cannot find the proglint program `%s'" proglint-program))
  (when (process-live-p proglint--flymake-process)
    (kill-process proglint--flymake-process))
  (let ((source (current-buffer))
        (name (or (buffer-file-name) (buffer-name))))
    (save-restriction
      (widen)
      (setq proglint--flymake-process
            (make-process
             :name "proglint-flymake"
             :noquery t
             :connection-type 'pipe
             :buffer (generate-new-buffer " *proglint-flymake*")
             :command (list proglint-program "--format" "concise" "--no-show-source"
                            "-" "--stdin-filename" name)
             :sentinel
             (lambda (process _event)
               (when (memq (process-status process) '(exit signal))
                 (unwind-protect
                     (if (with-current-buffer source
                           (eq process proglint--flymake-process))
                         (with-current-buffer (process-buffer process)
                           (if (eq (process-exit-status process) 2)
                               (funcall report-fn :panic
                                        :explanation (string-trim (buffer-string)))
                             (funcall report-fn (proglint-flymake-parse source))))
                       (flymake-log :warning "Canceling obsolete check %s" process))
                   (kill-buffer (process-buffer process)))))))
      (process-send-region proglint--flymake-process (point-min) (point-max))
      (process-send-eof proglint--flymake-process))))

(defun proglint-flymake-setup ()
  "Check this buffer with proglint as you type."
  (add-hook 'flymake-diagnostic-functions #'proglint-flymake nil t)
  (flymake-mode 1))

(provide 'proglint)
;;; proglint.el ends here
