// Material for MkDocs 9.8.2's inline head script (partials/javascripts/base.html), as a file so the
// Content-Security-Policy can refuse every inline script. Material resolves its scope from the page's
// base_url; the same site root is two folders above this file (<root>/assets/kb-theme/md-base.js).
__md_scope=new URL("../..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
